import { useId, useState, type ReactNode } from 'react';
import { useQuery, type CombinedError, type TypedDocumentNode } from 'urql';
import { describeError } from '../../api/errors.ts';
import { useRefetchOnFriendNews } from './friend-news.ts';
import type { Person } from './person.tsx';

/** How many people one page of a list holds. */
export const pageSize = 20;

/**
 * The query context of every list of people: an empty list names no User, and the document
 * cache would then miss that a friendship mutation changed it.
 */
export const listsPeople = { additionalTypenames: ['User'] };

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** What every page query of people takes; a search adds its term. */
interface PageVariables {
  first: number;
  after?: string | null;
}

/**
 * One page of a list of people, kept current: refetched after any friendship change the viewer
 * makes (the document cache sees the User it returns) or hears of (friend news).
 */
export function usePeoplePage<Data, Variables extends PageVariables>(query: TypedDocumentNode<Data, Variables>, variables: Variables) {
  const [result, refetch] = useQuery({ query, variables, context: listsPeople });
  useRefetchOnFriendNews(refetch);
  return result;
}

/** A card on the Friends screen holding one list of people under its heading. */
export function PeopleSection({ title, children }: { title: string; children: ReactNode }) {
  const heading = useId();
  return (
    <section className="card" aria-labelledby={heading}>
      <h2 id={heading}>{title}</h2>
      <ul className="plain">{children}</ul>
    </section>
  );
}

interface PeoplePagesProps<Data, Variables extends PageVariables> {
  query: TypedDocumentNode<Data, Variables>;
  /** This page's variables; the next page takes the same ones after this page's end. */
  variables: NoInfer<Variables>;
  connectionOf: (data: Data) => { edges: { node: Person }[]; pageInfo: PageInfo };
  row: (person: Person) => ReactNode;
  /** Shown when the first page holds nothing. */
  empty: string;
}

/** A list of people a page at a time, each person one <li> holding their `row`. */
export function PeoplePages<Data, Variables extends PageVariables>(props: PeoplePagesProps<Data, Variables>) {
  const { query, variables, connectionOf, row, empty } = props;
  const result = usePeoplePage(query, variables);
  const connection = result.data && connectionOf(result.data);
  const people = connection?.edges.map((edge) => edge.node) ?? [];
  return (
    <Page
      itemCount={people.length}
      fetching={result.fetching}
      error={result.error}
      pageInfo={connection?.pageInfo}
      empty={empty}
      isFirstPage={!variables.after}
      nextPage={(after) => <PeoplePages {...props} variables={{ ...variables, after }} />}
    >
      {people.map((person) => (
        <li key={person.id}>{row(person)}</li>
      ))}
    </Page>
  );
}

interface PageProps {
  /** The items of this page, as <li> elements. */
  children: ReactNode;
  itemCount: number;
  fetching: boolean;
  error: CombinedError | undefined;
  pageInfo: PageInfo | undefined;
  /** Shown when the first page holds nothing. */
  empty: string;
  isFirstPage: boolean;
  /** The next page, starting after `cursor`. */
  nextPage: (cursor: string) => ReactNode;
}

/**
 * One page of a connection inside its list: its items, its loading or error state, and a
 * "Show more" button that opens the next page after this page's endCursor. Each page is its
 * own query, so a refetch after a mutation keeps every open page current.
 */
export function Page({ children, itemCount, fetching, error, pageInfo, empty, isFirstPage, nextPage }: PageProps) {
  return (
    <>
      {children}
      {error && (
        <li className="error" role="alert">
          {describeError(error)}
        </li>
      )}
      {fetching && itemCount === 0 && <li className="muted">Loading…</li>}
      {!fetching && !error && itemCount === 0 && isFirstPage && <li className="muted">{empty}</li>}
      {pageInfo?.hasNextPage && pageInfo.endCursor && <ShowMore cursor={pageInfo.endCursor} nextPage={nextPage} />}
    </>
  );
}

function ShowMore({ cursor, nextPage }: { cursor: string; nextPage: (cursor: string) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (open) return nextPage(cursor);
  return (
    <li className="show-more">
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Show more
      </button>
    </li>
  );
}
