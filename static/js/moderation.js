// Moderation item page: selecting part of the original text adds its character range
// ("start-end", counted in Unicode code points as the server counts them) to the ranges field.
(function () {
  "use strict";
  var original = document.getElementById("original");
  var ranges = document.getElementById("id_ranges");
  if (!original || !ranges) { return; }

  function codePoints(text) { return Array.from(text).length; }

  // The offset, in code points of the whole text, of (node, offset) inside `original`.
  function offsetOf(node, offset) {
    var walker = document.createTreeWalker(original, NodeFilter.SHOW_TEXT);
    var total = 0;
    var current = walker.nextNode();
    while (current) {
      if (current === node) {
        return total + codePoints(current.data.slice(0, offset));
      }
      total += codePoints(current.data);
      current = walker.nextNode();
    }
    return null;
  }

  original.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!original.contains(range.startContainer) || !original.contains(range.endContainer)) { return; }
    if (range.startContainer.nodeType !== Node.TEXT_NODE || range.endContainer.nodeType !== Node.TEXT_NODE) { return; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || start >= end) { return; }
    var value = start + "-" + end;
    ranges.value = ranges.value.trim() ? ranges.value.trim() + ", " + value : value;
    ranges.dispatchEvent(new Event("change"));
  });
})();
