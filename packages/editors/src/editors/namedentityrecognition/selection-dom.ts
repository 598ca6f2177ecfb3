/**
 * Maps DOM selection points back to offsets in the original text. The text is rendered as
 * pieces, each an element with `data-offset` (the piece's start in the text) holding one text
 * node; label badges between pieces carry no `data-offset` and count for nothing. A point
 * inside a piece is its start plus the offset in its text node; any other point (on a badge, on
 * an element boundary, outside the text altogether) is the start of the first piece after it,
 * or the end of the text when none follows.
 */
export const domPointToOffset = (
  root: HTMLElement,
  node: Node,
  offset: number,
  textLength: number,
): number => {
  const piece = node.parentElement;
  if (node.nodeType === Node.TEXT_NODE && piece?.dataset.offset !== undefined) {
    if (root.contains(piece)) return Number(piece.dataset.offset) + offset;
  }
  const point = node.ownerDocument?.createRange() ?? document.createRange();
  point.setStart(node, offset);
  point.collapse(true);
  for (const element of root.querySelectorAll<HTMLElement>("[data-offset]")) {
    if (point.comparePoint(element, 0) >= 0) return Number(element.dataset.offset);
  }
  return textLength;
};

/** The anchor and focus of the page's selection as text offsets, when it touches the text. */
export const selectionOffsets = (
  root: HTMLElement,
  textLength: number,
): { anchor: number; focus: number } | null => {
  const selection = root.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode) return null;
  const range = selection.getRangeAt(0);
  if (!range.intersectsNode(root)) return null;
  return {
    anchor: domPointToOffset(root, anchorNode, selection.anchorOffset, textLength),
    focus: domPointToOffset(root, focusNode, selection.focusOffset, textLength),
  };
};
