import type { DataSource, Repository } from 'typeorm';
import { ApiClient } from './api-client.js';

export class ClientService {
  private readonly repo: Repository<ApiClient>;

  constructor(dataSource: DataSource) {
    this.repo = dataSource.getRepository(ApiClient);
  }

  async register(name: string, accessToken: string, refreshToken: string | null): Promise<number> {
    const client = this.repo.create({ name, accessToken, refreshToken });
    return (await this.repo.save(client)).id;
  }

  /** The client a request authenticates as. */
  async authenticate(accessToken: string): Promise<string | undefined> {
    const client = await this.repo.findOneBy({ accessToken });
    return client?.name;
  }

  async refreshTokenOf(id: number): Promise<string | null | undefined> {
    return (await this.repo.findOne({ where: { id } }))?.refreshToken;
  }
}
