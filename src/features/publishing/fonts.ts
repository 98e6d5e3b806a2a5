/**
 * The open fonts every PDF and image is drawn with (Inter and Source Code Pro, SIL Open Font
 * License), read from their npm packages so output looks the same on every server.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = (pkg: string, weight: string, name: string) => require.resolve(`@expo-google-fonts/${pkg}/${weight}/${name}_${weight}.ttf`);

export const FONT_FILES = {
  regular: file('inter', '400Regular', 'Inter'),
  italic: file('inter', '400Regular_Italic', 'Inter'),
  semibold: file('inter', '600SemiBold', 'Inter'),
  bold: file('inter', '700Bold', 'Inter'),
  mono: file('source-code-pro', '400Regular', 'SourceCodePro'),
} as const;

export type FontName = keyof typeof FONT_FILES;
