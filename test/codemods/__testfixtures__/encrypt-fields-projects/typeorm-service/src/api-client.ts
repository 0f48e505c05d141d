import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('api_clients')
export class ApiClient {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  accessToken: string;

  @Column({ type: 'text', nullable: true })
  refreshToken: string | null;
}
