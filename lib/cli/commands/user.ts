import type { CliCommand } from "../types";
import { UsageError } from "../types";
import { withCliDb } from "../db";
import { setRoleByEmail } from "@/lib/auth/users";

const usage = `usage: npm run -s concord -- user <promote|demote> EMAIL
  promote   give EMAIL the maintainer role (creates the user if needed; they sign in with that email)
  demote    make EMAIL a plain voter again`;

const command: CliCommand = {
  name: "user",
  summary: "promote or demote a maintainer",
  usage,
  async run(args, io) {
    const [sub, email] = args;
    if ((sub !== "promote" && sub !== "demote") || !email) throw new UsageError("expected promote|demote EMAIL");
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError(`"${email}" is not an email address`);
    return withCliDb(async () => {
      const user = await setRoleByEmail(email, sub === "promote" ? "maintainer" : "voter");
      io.stdout.write(`${user.email} is now a ${user.role}\n`);
      return 0;
    });
  },
};

export default command;
