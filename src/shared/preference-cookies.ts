/** Names of the cookies that keep a visitor's display choices; read by the server, written by the browser. */
export const THEME_COOKIE = 'mp_theme';
export const VIEW_COOKIE = 'mp_view';
