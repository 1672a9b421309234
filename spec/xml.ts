/**
 * A small XML well-formedness check for the SVG files the tour writes (no
 * browser and no package in CI): the document is an optional XML
 * declaration, comments and whitespace, then one root element; every start
 * tag has a matching end tag in order (or closes itself with '/>'); names
 * are XML names; attributes are name="value" or name='value', each name at
 * most once per element, values without '<' or a stray '&'; text holds no
 * '<' and only the five predefined entities or numeric character
 * references. It returns the root element, parsed, or throws with the
 * offset of the first fault.
 */

/** An element: its name, attributes, child elements and its own text (entities decoded, children's text left out). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text with its entity and character references replaced (they were checked first). */
function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (_, ref: string) =>
    ref.startsWith('#x') ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : ENTITIES[ref]!);
}

/** Every element below `root` (itself included), depth first in document order. */
export function descendants(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(descendants)];
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const REFERENCE = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Parses `text` as a well-formed XML document and returns its root element (see the file comment). */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`not well-formed XML at offset ${i}: ${what} (near ${JSON.stringify(text.slice(i, i + 40))})`);
  };
  const checkText = (s: string, start: number): void => {
    for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) {
      if (!REFERENCE.test(s.slice(k))) { i = start + k; fail('a bare & (not an entity or character reference)'); }
    }
  };
  const skipMisc = (): void => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i + 4);
        if (end < 0) fail('an unclosed comment');
        i = end + 3;
      } else return;
    }
  };
  const name = (): string => {
    const m = NAME.exec(text.slice(i));
    if (m === null) fail('expected a name');
    i += m![0].length;
    return m![0];
  };

  const element = (): XmlElement => {
    if (text[i] !== '<') fail("expected '<'");
    i++;
    const tag = name(), attributes = new Map<string, string>(), children: XmlElement[] = [];
    let content = '';
    for (;;) {
      const before = i;
      while (/\s/.test(text[i] ?? '')) i++;
      if (text.startsWith('/>', i)) { i += 2; return { name: tag, attributes, children, text: '' }; }
      if (text[i] === '>') { i++; break; }
      if (i === before) fail('expected whitespace before an attribute');
      const key = name();
      if (attributes.has(key)) fail(`attribute ${key} twice`);
      while (/\s/.test(text[i] ?? '')) i++;
      if (text[i] !== '=') fail("expected '=' after an attribute name");
      i++;
      while (/\s/.test(text[i] ?? '')) i++;
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      const end = text.indexOf(quote!, i + 1);
      if (end < 0) fail('an unclosed attribute value');
      const value = text.slice(i + 1, end);
      if (value.includes('<')) fail("'<' in an attribute value");
      checkText(value, i + 1);
      attributes.set(key, decode(value));
      i = end + 1;
    }
    for (;;) {
      const next = text.indexOf('<', i);
      if (next < 0) fail(`no end tag for <${tag}>`);
      checkText(text.slice(i, next), i);
      content += text.slice(i, next);
      i = next;
      if (text.startsWith('<!--', i)) { skipMisc(); continue; }
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        while (/\s/.test(text[i] ?? '')) i++;
        if (text[i] !== '>') fail("expected '>'");
        i++;
        return { name: tag, attributes, children, text: decode(content) };
      }
      children.push(element());
    }
  };

  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('an unclosed XML declaration');
    i = end + 2;
  }
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== text.length) fail('content after the root element');
  return root;
}
