-- Hand-written data migration: imported rows' natural keys in the short form of lib/importers/keys.ts.
--   battle: 'import:' || <format> || ':' || h(old key)      (old: import:<format>:<…>:<lo>:<hi>:t<turn>)
--   vote:   <format> || ':' || h(old externalKey)             (old: <format>:<…ids…>)
-- h(s) = the first 22 characters of base64url(sha256(s)), as `createHash("sha256").digest("base64url").slice(0, 22)`
-- (32 bytes → 44 base64 characters, no line break; the first 22 never include padding).
-- Only keys in the long form change (a short key has exactly two colons, a short vote key one): demo and arena
-- rows (`fixed:…`, `demo-vote-…`) are left alone, and running it again changes nothing.

UPDATE "Battle"
   SET "key" = 'import:' || split_part("key", ':', 2) || ':'
            || left(translate(encode(sha256(convert_to("key", 'UTF8')), 'base64'), '+/', '-_'), 22)
 WHERE "key" LIKE 'import:%:%:%';

UPDATE "Vote"
   SET "externalKey" = split_part("externalKey", ':', 1) || ':'
            || left(translate(encode(sha256(convert_to("externalKey", 'UTF8')), 'base64'), '+/', '-_'), 22)
 WHERE "externalKey" LIKE '%:%:%';
