import React from 'react';
import { sanitizeForLogging } from '@secure-migrate/runtime';

export function LoginForm(props: { onSubmit(password: string): void }) {
  const submit = (password: string) => {
    console.debug('submitting', sanitizeForLogging(password, { name: 'password' }));
    props.onSubmit(password);
  };
  return <form onSubmit={() => submit('x')} />;
}
