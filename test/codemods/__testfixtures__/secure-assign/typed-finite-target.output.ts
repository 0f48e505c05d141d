import { secureAssignAll, secureAssign } from '@secure-migrate/runtime';

interface Profile {
  displayName: string;
  bio: string;
  avatarUrl: string;
}

export function updateProfile(profile: Profile, field: string, value: string): void {
  // Only profile fields are editable.
  // secure-migrate: TODO (no-unsafe-dynamic-assignment) profile as Profile & Record<string, str…[field] is written with a key that is not provably safe. No finite allow list follows from the target type: decide which keys callers may set, then use secureAssign(target, key, value, { allow: [...] }).
  (profile as Profile & Record<string, string>)[field] = value;
}

export function updateFromBody(profile: Profile, body: Partial<Profile>): void {
  secureAssignAll(profile, body, { allow: ['displayName', 'bio', 'avatarUrl'] });
}

interface Settings {
  theme: 'light' | 'dark';
  language: string;
}

export function setSetting(settings: Settings, key: string, value: never): void {
  // @ts-expect-error -- the key is only checked at run time
  secureAssign(settings, key, value, { allow: ['theme', 'language'] });
}
