/** Undo Discord markdown escaping (a backslash before any character), to compare with the verbatim text. */
export function unescape(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}
