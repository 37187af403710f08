// The Download Theme command's id, apart from the theme service (Node: gems, tarballs), so the preview's
// panel can offer the button without loading the service — the web preview bundle has no theme downloads.
export const DOWNLOAD_THEME_COMMAND = 'techblog.downloadTheme';
