import { Injectable } from '@nestjs/common';

export interface User {
  id: number;
  email: string;
  createdAt: Date;
}

@Injectable()
export class UsersService {
  private readonly users: User[] = [];

  create(email: string): User {
    const user = { id: this.users.length + 1, email, createdAt: new Date() };
    this.users.push(user);
    return user;
  }
}
