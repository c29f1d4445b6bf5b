// A small, strict XML reader for tests (well-formedness: one root, matched tags, quoted
// attributes, known entities) and a plist reader on top of it (Apple's plist-XML, as
// Python's plistlib reads it: dict, array, string, integer, real, true, false).

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown entity &${e};`);
    return v;
  });
}

// Parse a document; throws on anything that is not well-formed.
export function parseXml(text: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skip = (end: string) => {
    const j = text.indexOf(end, i);
    if (j < 0) throw new Error(`unterminated construct at ${i}`);
    i = j + end.length;
  };
  while (i < text.length) {
    if (text.startsWith("<?", i)) skip("?>");
    else if (text.startsWith("<!--", i)) skip("-->");
    else if (text.startsWith("<!DOCTYPE", i)) skip(">");
    else if (text.startsWith("</", i)) {
      const m = /^<\/([\w:.-]+)\s*>/.exec(text.slice(i));
      if (!m) throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (open?.name !== m[1]) throw new Error(`</${m[1]}> closes <${open?.name ?? "nothing"}>`);
      i += m[0].length;
    } else if (text[i] === "<") {
      const m = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(text.slice(i));
      if (!m) throw new Error(`bad start tag at ${i}`);
      const attrs: Record<string, string> = {};
      for (const a of m[2]!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = decode(a[2] ?? a[3] ?? "");
      const el: XmlElement = { name: m[1]!, attrs, children: [], text: "" };
      if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new Error("more than one root element");
      else root = el;
      if (m[3] !== "/") stack.push(el);
      i += m[0].length;
    } else {
      const j = text.indexOf("<", i);
      const chunk = text.slice(i, j < 0 ? text.length : j);
      if (stack.length > 0) stack[stack.length - 1]!.text += decode(chunk);
      else if (chunk.trim() !== "") throw new Error(`text outside the root element at ${i}`);
      i = j < 0 ? text.length : j;
    }
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

// The first child named `name`, or throw.
export function child(el: XmlElement, name: string): XmlElement {
  const c = el.children.find((x) => x.name === name);
  if (!c) throw new Error(`<${el.name}> has no <${name}>`);
  return c;
}

export type PlistValue = string | number | boolean | PlistValue[] | { [key: string]: PlistValue };

// A plist document → its value.
export function parsePlist(text: string): PlistValue {
  const root = parseXml(text);
  if (root.name !== "plist" || root.children.length !== 1) throw new Error("not a plist with one value");
  return plistValue(root.children[0]!);
}

function plistValue(el: XmlElement): PlistValue {
  switch (el.name) {
    case "string":
      return el.text;
    case "integer":
      if (!/^-?\d+$/.test(el.text.trim())) throw new Error(`bad integer ${el.text}`);
      return Number(el.text);
    case "real":
      return Number(el.text);
    case "true":
    case "false":
      if (el.children.length > 0 || el.text.trim() !== "") throw new Error(`<${el.name}/> must be empty`);
      return el.name === "true";
    case "array":
      return el.children.map(plistValue);
    case "dict": {
      const out: Record<string, PlistValue> = {};
      const kids = el.children;
      if (kids.length % 2 !== 0) throw new Error("a dict needs key/value pairs");
      for (let k = 0; k < kids.length; k += 2) {
        if (kids[k]!.name !== "key") throw new Error(`expected <key>, got <${kids[k]!.name}>`);
        out[kids[k]!.text] = plistValue(kids[k + 1]!);
      }
      return out;
    }
    default:
      throw new Error(`not a plist type: <${el.name}>`);
  }
}
