/**
 * Small documents generated for the format tests: a PDF (pdf-lib), a DOCX (docx), a hand-built
 * encrypted PDF, and Markdown/HTML strings.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

/** Draws each page's lines top-down (an empty string leaves a blank line). */
export async function makePdf(pages: string[][], info: { title?: string; author?: string } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  if (info.title) doc.setTitle(info.title);
  if (info.author) doc.setAuthor(info.author);
  for (const lines of pages) {
    const page = doc.addPage([420, 620]);
    let y = 580;
    for (const line of lines) {
      if (line !== '') page.drawText(line, { x: 40, y, size: 10, font });
      y -= 14;
    }
  }
  return doc.save();
}

/**
 * Three pages: a running head on each, page numbers at the foot, a numbered heading, a paragraph that
 * runs over the page break (ending page 1 mid-word with a hyphen), and a footnote at the bottom of page 1.
 */
export const PDF_PAGES: string[][] = [
  [
    'Journal of Synthetic Tests 12 (2024)',
    'Testing Documents in Practice',
    'This opening paragraph explains why the tests exist at all and what it is that',
    'they are meant to show about documents.1',
    '1. Introduction',
    'The introduction begins with a statement that runs across several lines of the',
    'page so that the parser has to join the wrapped lines back together into one',
    'paragraph, and it keeps going past the bottom of the page, where the last word is',
    'hyphen-',
    '1 Smith, A Book About Tests (2001) 45.',
    '1',
  ],
  [
    'Journal of Synthetic Tests 12 (2024)',
    'ated across the page break before it finally ends with a full stop here, as',
    'paragraphs do.',
    'A second paragraph on the second page is short.',
    '2. Method',
    'The method section has one paragraph that ends on this page without any notes',
    'at all.',
    '2',
  ],
  [
    'Journal of Synthetic Tests 12 (2024)',
    'The third page holds the closing remarks of the synthetic article and nothing',
    'else.',
    '3',
  ],
];

/** A DOCX with a title and creator in its core properties, Heading 1/2 styles and two real footnotes. */
export async function makeDocx(): Promise<Uint8Array> {
  const doc = new Document({
    title: 'A Word Document About Notes',
    creator: 'Ada Lovelace; Alan Turing',
    footnotes: {
      1: { children: [new Paragraph('First note: see the annex.')] },
      2: { children: [new Paragraph('Second note, with a comma.')] },
    },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Introduction')] }),
          new Paragraph({ children: [new TextRun('The body cites a note here'), new FootnoteReferenceRun(1), new TextRun(' and goes on.')] }),
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Scope')] }),
          new Paragraph({ children: [new TextRun({ text: 'Bold start', bold: true }), new TextRun(' then the second note.'), new FootnoteReferenceRun(2)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Conclusion')] }),
          new Paragraph('Nothing more to add.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Serialises objects into a PDF with a correct cross-reference table. */
export function buildRawPdf(objects: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A one-page PDF whose trailer names a Standard security handler, so a password is required. */
export function makeEncryptedPdf(): Uint8Array {
  const hex = (n: number, c: string): string => `<${c.repeat(n)}>`;
  return buildRawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `<< /Filter /Standard /V 1 /R 2 /O ${hex(64, 'a')} /U ${hex(64, 'b')} /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [${hex(32, 'c')} ${hex(32, 'c')}]`,
  );
}

export const MARKDOWN = `---
title: "Notes on *Markdown*"
authors:
  - Grace Hopper
  - Edsger Dijkstra
year: 2021
---

# Notes on Markdown

The first paragraph has **bold**, _emphasis_ and \`code\`, and it wraps
onto a second line with a [link](https://example.org) and a note.[^1]

Setext Section
--------------

- an item with a note[^2]
- another item
1. a numbered item

> A block quote that
> spans two lines.

| Term | Meaning |
|------|---------|
| one  | first   |

### Deeper Level

Snake_case_words and 5 * 3 stay as they are.

[^1]: The first note.
[^2]: The second note,
    continued on an indented line.
`;

export const HTML = `<!doctype html>
<html><head><title>Site name | An HTML Paper</title>
<meta name="citation_title" content="An HTML Paper">
<meta name="author" content="Jane Doe">
<style>p { color: red }</style><script>document.write("<p>never</p>")</script></head>
<body>
<header><nav><a href="/">Home</a></nav><p>Site banner</p></header>
<article>
<h1>An HTML Paper</h1>
<p>The opening paragraph &amp; its
wrapped line cites a note.<sup><a href="#fn1" id="fnref1">1</a></sup></p>
<h2>Part One</h2>
<blockquote><p>A quoted sentence.</p></blockquote>
<ul><li>First item<sup>2</sup></li><li>Second item</li></ul>
<table><tr><th>Year</th><th>Event</th></tr><tr><td>1951</td><td>Founded</td></tr></table>
<h3>Detail</h3>
<p>A paragraph under the third level.</p>
</article>
<section class="footnotes"><ol>
<li id="fn1"><p>The first note. <a href="#fnref1">↩</a></p></li>
<li id="fn2"><p>The second note.</p></li>
</ol></section>
<footer><p>Copyright notice</p></footer>
</body></html>`;

/**
 * True when every word of `text` occurs, in order, in the source slices the spans point at: the
 * verbatim check (markup may disappear, words may not appear from nowhere or be reordered).
 */
export function wordsTraceable(text: string, source: string, spans: { start: number; end: number }[]): boolean {
  const raw = spans.map((s) => source.slice(s.start, s.end)).join(' ');
  let from = 0;
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const at = raw.indexOf(word, from);
    if (at === -1) return false;
    from = at + word.length;
  }
  return true;
}
