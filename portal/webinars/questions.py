"""An organiser's own registration questions: saving a registrant's answers and reading
them back for the registrants report and the exports.

The registration itself is decided by `services.registration_create`; the answers are
written right after it succeeds, in their own short transaction, so the capacity lock never
waits on them.
"""

from django.db import transaction

from .models import Registration, RegistrationAnswer, RegistrationQuestion


class AnswerError(ValueError):
    pass


@transaction.atomic
def registration_answers_save(*, registration: Registration, answers: dict) -> int:
    """Store {question: text} for a registration (replacing earlier answers to the same
    questions). Questions of another webinar are refused."""
    saved = 0
    for question, value in answers.items():
        if question.webinar_id != registration.webinar_id:
            raise AnswerError("The question belongs to another webinar.")
        RegistrationAnswer.objects.update_or_create(
            registration=registration, question=question, defaults={"value": str(value)})
        saved += 1
    return saved


def webinar_questions(webinar) -> list[RegistrationQuestion]:
    if not webinar.pk:
        return list(webinar.questions.all())
    return list(RegistrationQuestion.objects.filter(webinar=webinar).order_by("sort_order", "pk"))


def answers_by_question(registration: Registration) -> dict[int, str]:
    """{question id: answer}, from prefetched answers when the caller prefetched them."""
    return {answer.question_id: answer.value for answer in registration.answers.all()}
