/**
 * Text as a reader sees it, for comparing what it names: compatibility forms folded (NFKC turns
 * full-width letters and the full-width dot into ASCII), characters that render as nothing removed
 * (zero-width spaces and joiners, bidi controls, soft hyphens, other format characters), and the
 * dots UTS #46 treats as label separators made '.'. One rule for link texts and display names.
 */
export function visibleForm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu, '')
    .replace(/[\u3002\uFF0E\uFF61]/g, '.');
}
