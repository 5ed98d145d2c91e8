-- Staff accounts get a role: the secretariat prepares cases, members of
-- the Requests Chamber adopt decisions and provisional measures,
-- administrators manage staff accounts. Of the staff accounts that exist,
-- the first one made (the one the setup link created) becomes an
-- administrator and the others join the secretariat; `ccfportal staff
-- set-role` changes them. Accounts that are not staff have no staff role.
ALTER TABLE users ADD COLUMN staff_role TEXT NOT NULL DEFAULT '';

UPDATE users SET staff_role = CASE
    WHEN id = (SELECT MIN(id) FROM users WHERE role = 'staff') THEN 'administrator'
    ELSE 'secretariat' END
WHERE role = 'staff';
