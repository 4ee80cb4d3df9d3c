import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';

// Line breaks in a name would end up in the Subject header of the welcome email: C0 and C1 controls
// (U+0085 NEL, U+009B CSI), DEL, and the Unicode line and paragraph separators U+2028/U+2029.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}\u2028\u2029]*$/u;
// At least one character that shows: not only spaces or invisible ones (U+200B, U+3164 Hangul filler).
const SOMETHING_VISIBLE = /[^\s\p{Default_Ignorable_Code_Point}]/u;
const NO_INVISIBLE_OR_BIDI_CONTROL = /^[^\p{Default_Ignorable_Code_Point}\p{Bidi_Control}]*$/u;

/** Body of `POST /users`. */
export class CreateUserDto {
  // No quoted local part ("john doe"@example.com): it is valid mail syntax, but lets spaces, and worse,
  // line breaks reach the SMTP envelope.
  @IsEmail({ blacklisted_chars: '"' }, { message: 'email must be an email address' })
  @MaxLength(254)
  // Seven accounts could all read ada@example.com, and some such addresses can never be delivered to.
  @Matches(NO_INVISIBLE_OR_BIDI_CONTROL, { message: 'email must not contain invisible or bidirectional control characters' })
  email!: string;

  @IsString()
  // An empty name shows nothing either: one message for it, not a second 'should not be empty'.
  @Matches(SOMETHING_VISIBLE, { message: 'name must not be blank' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'name must not contain line breaks or other control characters' })
  @MaxLength(100)
  name!: string;
}
