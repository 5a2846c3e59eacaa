/**
 * Taro's H5 Input and Textarea are Stencil elements whose `value` watcher writes to the inner
 * <input>/<textarea> it keeps a ref to. Stencil starts calling watchers before the element's first
 * render has created that inner field, so a value React sets in that window (a form filled right
 * after it mounts) throws "Cannot read properties of undefined (reading 'value')" into the console.
 * Nothing is lost by skipping the watcher then: the first render writes the latest value itself.
 * Each element is defined on its first use, so the guard goes on when the browser defines it.
 */
const INNER_FIELD: Record<string, string> = { 'taro-input-core': 'inputRef', 'taro-textarea-core': 'textareaRef' };

type WatchValue = (this: Record<string, unknown>, ...args: unknown[]) => unknown;

export function installFieldWatcherGuard(): void {
  if (typeof customElements === 'undefined') return;
  for (const [tag, ref] of Object.entries(INNER_FIELD)) {
    void customElements.whenDefined(tag).then(() => {
      const proto = customElements.get(tag)?.prototype as { watchValue?: WatchValue } | undefined;
      const watch = proto?.watchValue;
      if (!proto || typeof watch !== 'function') return;
      proto.watchValue = function guardedWatchValue(...args) {
        return this[ref] ? watch.apply(this, args) : undefined;
      };
    });
  }
}
