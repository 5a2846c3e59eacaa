import sanitizeHtml from 'sanitize-html';

/**
 * The safe subset a notice body keeps: paragraphs, headings, emphasis, lists, quotes and https
 * links (opened with noopener). No images, styles, scripts, event handlers or other schemes:
 * the body is rendered as rich text on weapp and H5, so whatever survives here reaches every
 * resident's screen.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'a'],
  // rel and target are set by the transform below (whatever the author wrote is overwritten).
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  disallowedTagsMode: 'discard',
};

export const sanitizeNoticeBody = (html: string): string => sanitizeHtml(html, OPTIONS).trim();

/** The text a reader sees, for the content check, the search excerpt and the subscribe message. */
export function plainText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li|h3|h4|blockquote)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
