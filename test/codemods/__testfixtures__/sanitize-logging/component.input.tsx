import React from 'react';

export function LoginForm(props: { onSubmit(password: string): void }) {
  const submit = (password: string) => {
    console.debug('submitting', password);
    props.onSubmit(password);
  };
  return <form onSubmit={() => submit('x')} />;
}
