import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

// Line breaks in a name would end up in the Subject header of the welcome email.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/** Body of `POST /users`. */
export class CreateUserDto {
  // No quoted local part ("john doe"@example.com): it is valid mail syntax, but lets spaces, and worse,
  // line breaks reach the SMTP envelope.
  @IsEmail({ blacklisted_chars: '"' }, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain line breaks or other control characters' })
  @MaxLength(100)
  name!: string;
}
