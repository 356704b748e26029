"""Roster import: read a file (reading), compare it with the database (planning),
write the plan in one transaction (applying). Each step is usable on its own."""
