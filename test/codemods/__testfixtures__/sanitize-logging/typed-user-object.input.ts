interface User {
  id: string;
  email: string;
  passwordHash: string;
  apiKey: string;
}

interface Order {
  id: string;
  total: number;
}

export function onLogin(current: User, order: Order): void {
  console.log('login', current);
  console.log('order', order);
}
