import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** The user_sessions row this cookie belongs to; revoked rows sign the cookie out. */
    sessionId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string | null;
    sid?: string | null;
  }
}
