// Byte sizes as people read them, for paste titles, reports and the CLI.

/** `512 B`, `148.2 KB`, `1.5 MB` (1 KB = 1,024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The change from `before` to `after` bytes as a percentage with a real minus sign: `−90 %`, `+4 %`. */
export function formatChange(before: number, after: number): string {
  if (!before) return '0 %';
  const pct = Math.round(((after - before) / before) * 100);
  return pct < 0 ? `\u2212${-pct} %` : `+${pct} %`;
}

/** The display name of an encoded format. */
export function formatLabel(format: string): string {
  switch (format) {
    case 'webp': return 'WebP';
    case 'avif': return 'AVIF';
    case 'jpeg': return 'JPEG';
    case 'png': return 'PNG';
    case 'gif': return 'GIF';
    default: return format.toUpperCase();
  }
}
