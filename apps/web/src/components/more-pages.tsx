import { Button } from 'react-aria-components';
import { messageOf } from '../api/client';

/** What `MorePages` reads of a TanStack `useInfiniteQuery` result. */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

/** The button under a paged list that fetches its next page (while there is one), and the API's refusal if that fails. */
export function MorePages({ query, label }: { query: Pages; label: 'Load more' | 'Show more' }) {
  return (
    <>
      {query.hasNextPage ? (
        <Button className="button button--quiet" isDisabled={query.isFetchingNextPage} onPress={() => void query.fetchNextPage()}>
          {query.isFetchingNextPage ? 'Loading more…' : label}
        </Button>
      ) : null}
      {query.isFetchNextPageError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
    </>
  );
}
