import type { Request } from 'express';
import { guardAssign, guardAssignAll } from '@secure-migrate/runtime';

interface Profile {
  displayName: string;
  bio: string;
  avatarUrl: string;
  isAdmin: boolean;
}

declare function loadProfile(id: string): Profile;

export function updateProfile(req: Request): Profile {
  const profile = loadProfile(String(req.params.id));
  // Only profile fields are editable.
  guardAssign(profile as Profile & Record<string, unknown>, String(req.body.field), req.body.value);
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) Decide which keys callers may set. The
  // declared fields of Profile are 'displayName', 'bio', 'avatarUrl'; left out as privileged or
  // sensitive: isAdmin; to accept only those, use secureAssignAll(target, input, { allow: [...] })
  // or run with --allow-lists-from-types.
  guardAssignAll(profile, req.body);
  return profile;
}

export function setSetting(settings: Record<string, unknown>, key: string, value: unknown): void {
  settings[key] = value;
}
