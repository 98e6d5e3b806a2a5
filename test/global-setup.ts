// Builds the client assets once, so pages under test reference real files.
import { buildClient } from '../scripts/build-client.js';

export default async function setup(): Promise<void> {
  await buildClient();
}
