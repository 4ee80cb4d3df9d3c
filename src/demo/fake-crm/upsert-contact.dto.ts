import { IsEmail, IsISO8601, IsString, MaxLength } from 'class-validator';

/** Body of `PUT /fake-crm/api/contacts/:email`. */
export class UpsertContactDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsString()
  @MaxLength(64)
  externalId!: string;

  @IsISO8601()
  signedUpAt!: string;
}
