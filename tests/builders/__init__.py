"""Builders the tests share, one of each, by what they build.

- `people`: accounts (`make_user`), the department tree, staff and roles.
- `pages`: the home page and the published pages of the public site.
- `learning`: courses, lessons, completions and certificates.
- `records`: a learner's records of every kind, for "My data".
- `quizzes`: banks, questions, quizzes, self-checks and answers to attempts.

Each returns saved objects.
"""
