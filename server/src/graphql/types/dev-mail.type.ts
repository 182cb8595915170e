import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("DevMail", { description: "A message of the outbox, as the dev mail page shows it (dev tools only)." })
export class DevMailType {
  @Field(() => ID) id: string;
  @Field() to: string;
  @Field() subject: string;
  @Field() text: string;
  @Field({ description: "What the message is about: invitation, verify_email, reset_password, soft_alert, ..." }) kind: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true, description: "When it was handed to SMTP or written as a file; null while waiting." })
  sentAt: Date | null;
}
