import type { Schemas } from '@liaison/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from '../../api/client';

/** An exchange, with what the API says the caller may do on it (`actions`, `confirmableFor`). */
export type Exchange = Schemas['ExchangeResponse'];
export type ExchangeAction = Exchange['actions'][number];
export type Agenda = Schemas['AgendaResponse'];
export type AgendaItem = Schemas['AgendaItemResponse'];
export type Minutes = Schemas['MinutesResponse'];
export type ActionItem = Schemas['ActionItemResponse'];
export type Reminder = Schemas['ReminderResponse'];
export type PersonEntry = Schemas['PersonResponse'];

/** Every query of one exchange starts with this key: invalidating it refreshes the whole page. */
export const exchangeKey = (id: string) => ['exchange', id] as const;

export function useExchange(id: string) {
  return useQuery({
    queryKey: exchangeKey(id),
    queryFn: () => answer(api.GET('/v1/exchanges/{id}', { params: { path: { id } } })),
  });
}

export function useAgenda(id: string) {
  return useQuery({
    queryKey: [...exchangeKey(id), 'agenda'],
    queryFn: () => answer(api.GET('/v1/exchanges/{id}/agenda', { params: { path: { id } } })),
  });
}

export function useMinutes(id: string) {
  return useQuery({
    queryKey: [...exchangeKey(id), 'minutes'],
    queryFn: () => answer(api.GET('/v1/exchanges/{id}/minutes', { params: { path: { id } } })),
  });
}

export function useActionItems(id: string) {
  return useQuery({
    queryKey: [...exchangeKey(id), 'action-items'],
    queryFn: () => answer(api.GET('/v1/exchanges/{id}/action-items', { params: { path: { id }, query: { limit: 200 } } })),
  });
}

/** The reminder rows; a refusal (not a coordinator) is an answer the page shows nothing for. */
export function useReminders(id: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...exchangeKey(id), 'reminders'],
    queryFn: () => answer(api.GET('/v1/exchanges/{id}/reminders', { params: { path: { id }, query: { limit: 200 } } })),
  });
}

/**
 * The people the caller may list (`GET /v1/people`: a coordinator's own organisation, everyone
 * for an admin), by id, to put names on ids; empty when the API refuses the list.
 */
/** A person as a page names them. */
export type NamedPerson = Pick<PersonEntry, 'name' | 'organization'>;

/**
 * The people a page about this exchange can name: its participants (the exchange's answer names
 * them to every reader) and whoever `GET /v1/people` shows the reader (their organisation's people,
 * for a coordinator), by id.
 */
export function useKnownPeople(exchange: Exchange): Map<string, NamedPerson> {
  const people = usePeopleById();
  const known = new Map<string, NamedPerson>(people.data ?? []);
  for (const participant of exchange.participants) known.set(participant.id, participant);
  return known;
}

export function usePeopleById() {
  return useQuery({
    queryKey: ['people', 'by-id'],
    queryFn: async () => {
      const byId = new Map<string, PersonEntry>();
      let cursor: string | undefined;
      do {
        const result = await api.GET('/v1/people', { params: { query: { limit: 200, cursor } } });
        if (!result.response.ok || !result.data) return byId;
        for (const person of result.data.items) byId.set(person.id, person);
        cursor = result.data.nextCursor ?? undefined;
      } while (cursor);
      return byId;
    },
    staleTime: 5 * 60_000,
  });
}

/** A change to the exchange: on success the exchange's queries (and the agenda lists) are asked again. */
export function useExchangeMutation<V, R>(id: string, mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: exchangeKey(id) }),
        queryClient.invalidateQueries({ queryKey: ['exchanges'] }),
      ]);
    },
  });
}

/** Whether the API opens `action` to the caller (it still decides each request: a race ends in its refusal, shown). */
export function isOpen(exchange: Exchange, action: ExchangeAction): boolean {
  return exchange.actions.includes(action);
}
