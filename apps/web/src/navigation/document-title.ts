import { useEffect } from 'react';

/** Sets the tab's title to `<page> · Liaison` while the page is shown. */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = `${page} · Liaison`;
  }, [page]);
}
