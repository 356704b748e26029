from citylearn.certificates.models import Certificate
from citylearn.certificates.services import issue_certificate
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import complete_lesson
from tests.courses.factories import lessons_of, make_course, make_learner


def make_completion(learner=None, **course_fields) -> CourseCompletion:
    learner = learner or make_learner()
    course = make_course(lessons=1, **course_fields)
    complete_lesson(user=learner, lesson=lessons_of(course)[0])
    return CourseCompletion.objects.get(user=learner, course=course)


def make_certificate(learner=None, **course_fields) -> Certificate:
    return issue_certificate(completion=make_completion(learner, **course_fields))
