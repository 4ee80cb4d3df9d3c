/** A signed-up user as the app sees it. */
export interface User {
  id: number;
  email: string;
  name: string;
  createdAt: Date;
  /** When the welcome email went out; null until then. */
  welcomedAt: Date | null;
}

export interface NewUser {
  email: string;
  name: string;
}
