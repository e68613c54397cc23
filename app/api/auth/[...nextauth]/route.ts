import { handlers } from "@/lib/auth/config";
import { otherMethods } from "@/lib/api/methods";

export const { GET, POST } = handlers;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
