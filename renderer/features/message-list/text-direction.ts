/** Letters of the scripts written right to left (Unicode bidi class R and AL). */
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
const LETTER = /\p{L}/u;

/**
 * The direction of a text as `dir="auto"` would find it: that of its first letter (Unicode
 * bidi rule P2). For an element whose text sits in `<bdi>` parts, which `dir="auto"` skips.
 */
export function textDirection(text: string): 'ltr' | 'rtl' {
  const first = LETTER.exec(text)?.[0];
  return first !== undefined && RIGHT_TO_LEFT.test(first) ? 'rtl' : 'ltr';
}
