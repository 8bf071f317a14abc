/**
 * @module core/ingest/html-dom
 * Small DOM helpers over htmlparser2's tree for the HTML block walker, and the reading of
 * document metadata from `<head>`.
 */
import type { parseDocument } from 'htmlparser2';

// Node types derived from htmlparser2's own signature (domhandler is only its dependency, not ours).
/** Any node of the parsed tree. */
export type ChildNode = ReturnType<typeof parseDocument>['children'][number];
/** An element node. */
export type Element = Extract<ChildNode, { attribs: Record<string, string> }>;

/** True for element nodes (including `<script>` and `<style>`). */
export function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Every descendant element of `root` (not `root` itself) that passes `test`, in document order. */
export function findAll(root: Element, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (n: ChildNode): void => {
    if (!isElement(n)) return;
    if (test(n)) out.push(n);
    for (const c of n.children) visit(c);
  };
  for (const c of root.children) visit(c);
  return out;
}

/** The text nodes under `nodes`, in document order. */
export function findText(nodes: ChildNode[]): { data: string; startIndex: number | null; endIndex: number | null }[] {
  const out: { data: string; startIndex: number | null; endIndex: number | null }[] = [];
  const visit = (n: ChildNode): void => {
    if (n.type === 'text') out.push(n as unknown as { data: string; startIndex: number | null; endIndex: number | null });
    else if (isElement(n)) for (const c of n.children) visit(c);
  };
  nodes.forEach(visit);
  return out;
}

/** The concatenated raw text of an element. */
export function textOf(el: Element): string {
  return findText(el.children).map((t) => t.data).join('');
}

/** Title and authors from `<head>`: citation_title, `<title>`, citation_author / author / DC.creator. */
export function readHead(nodes: ChildNode[]): { title?: string; authors: string[] } {
  const metas: Element[] = [];
  let titleEl: Element | undefined;
  const visit = (n: ChildNode): void => {
    if (!isElement(n)) return;
    if (n.name === 'meta') metas.push(n);
    if (n.name === 'title' && !titleEl) titleEl = n;
    if (n.name === 'body') return;
    for (const c of n.children) visit(c);
  };
  nodes.forEach(visit);
  const content = (names: string[]): string[] =>
    metas
      .filter((m) => names.includes((m.attribs.name ?? m.attribs.property ?? '').toLowerCase()))
      .map((m) => (m.attribs.content ?? '').trim())
      .filter(Boolean);
  const title = content(['citation_title', 'dc.title'])[0] ?? (titleEl ? textOf(titleEl).replace(/\s+/g, ' ').trim() : undefined);
  let authors = content(['citation_author']);
  if (authors.length === 0) authors = content(['author', 'dc.creator']).flatMap((a) => a.split(/\s*;\s*/)).filter(Boolean);
  return { title: title || undefined, authors };
}
