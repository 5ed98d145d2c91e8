-- Whether the "there is news" e-mail is sent to an account. Even without a
-- word of the case, such an e-mail tells whoever can read the mailbox that
-- its owner uses the portal, so it is off unless the person turns it on --
-- except for counsel, for whom it is on by default (a lawyer's firm
-- mailbox is expected to hear from the CCF). The trigger keeps that
-- default for every new account, however it is made.
ALTER TABLE users ADD COLUMN email_news INTEGER NOT NULL DEFAULT 0;
UPDATE users SET email_news = 1 WHERE role = 'counsel';
CREATE TRIGGER users_email_news_counsel AFTER INSERT ON users WHEN NEW.role = 'counsel'
BEGIN
    UPDATE users SET email_news = 1 WHERE id = NEW.id;
END;
