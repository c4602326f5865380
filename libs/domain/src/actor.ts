/** Who asked for a change: a person (by id), the admin token, or the system itself (a series, a timer). */
export interface Actor {
  type: 'person' | 'admin-token' | 'system';
  id: string | null;
}

export type ActorType = Actor['type'];

/** The actor of what Liaison does on its own: series materialisation, deadlines that pass. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ type: 'system', id: null });
