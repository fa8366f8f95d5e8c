"""Organisation pages: sign-up, the organisation's page, its details and its members."""

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..access import OWNER_ROLES, member_role, organisation_for_member, organisations_for_member
from ..models import OrganisationMembership, User
from . import selectors, services
from .forms import AddMemberForm, NewEditorForm, OrganisationForm, RegistrationForm, RoleForm


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError beside the form fields it names."""
    add = form.add_error
    fields = form.fields
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for error in errors:
                add(field if field in fields else None, error)
    else:
        for error in exc.messages:
            add(None, error)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """A group signs up: its owner's account and the organisation, which then awaits verification."""
    if request.user.is_authenticated:
        messages.info(request, _("You are signed in already. Sign out to register another group."))
        return redirect("organisations:home")
    form = RegistrationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation, user = services.organisation_register(
                username=data["username"],
                email=data["email"],
                password=data["password1"],
                name=data["name"],
                kind=data["kind"],
                website=data["website"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _(
                    "Your organisation is registered. An administrator will verify it; until then "
                    "it cannot respond as an organisation."
                ),
            )
            return redirect("organisations:detail", slug=organisation.slug)
    return render(
        request, "organisations/register.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    organisations = list(organisations_for_member(request.user).order_by("name"))
    if len(organisations) == 1:
        return redirect("organisations:detail", slug=organisations[0].slug)
    return render(request, "organisations/home.html", {"organisations": organisations})


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_member(request.user, slug)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "role": member_role(request.user, organisation),
            "memberships": selectors.memberships_of(organisation),
            "responses": selectors.own_responses(organisation),
            "consultations": selectors.open_consultations() if organisation.is_verified else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = organisation_for_member(request.user, slug)
    initial = {name: getattr(organisation, name) for name in services.EDITABLE_FIELDS}
    form = OrganisationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        was_verified = organisation.is_verified
        try:
            organisation = services.organisation_update(
                organisation=organisation,
                **{name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS},
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if was_verified and not organisation.is_verified:
                messages.warning(
                    request,
                    _(
                        "The details are saved. Because the name, type or website changed, an "
                        "administrator must verify the organisation again."
                    ),
                )
            else:
                messages.success(request, _("The details are saved."))
            return redirect("organisations:detail", slug=organisation.slug)
    return render(
        request,
        "organisations/edit.html",
        {"organisation": organisation, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Owners add members: an existing account by user name, or a new editor account."""
    organisation = organisation_for_member(request.user, slug, roles=OWNER_ROLES)
    add_form = AddMemberForm(request.POST if request.POST.get("form") == "add" else None)
    new_form = NewEditorForm(request.POST if request.POST.get("form") == "new" else None)
    if request.method == "POST":
        form = add_form if request.POST.get("form") == "add" else new_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is add_form:
                    membership = services.membership_add(
                        organisation=organisation, username=data["username"], role=data["role"]
                    )
                else:
                    membership = services.membership_create_editor(
                        organisation=organisation,
                        username=data["username"],
                        email=data["email"],
                        password=data["password1"],
                    )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is now a member (%(role)s).")
                    % {"name": membership.user.username, "role": membership.get_role_display()},
                )
                return redirect("organisations:members", slug=slug)
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "memberships": selectors.memberships_of(organisation),
            "add_form": add_form,
            "new_form": new_form,
            "roles": OrganisationMembership.Role.choices,
        },
        status=400 if add_form.errors or new_form.errors else 200,
    )


def _membership_action(request: HttpRequest, slug: str, pk: int, *, remove: bool) -> HttpResponse:
    organisation = organisation_for_member(request.user, slug, roles=OWNER_ROLES)
    try:
        if remove:
            services.membership_remove(organisation=organisation, membership_id=pk)
            messages.success(request, _("The member is removed. Their account stays."))
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose owner or editor."))
                return redirect("organisations:members", slug=slug)
            services.membership_change_role(
                organisation=organisation, membership_id=pk, role=form.cleaned_data["role"]
            )
            messages.success(request, _("The role is changed."))
    except OrganisationMembership.DoesNotExist:
        raise Http404 from None
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    user = cast(User, request.user)
    if not organisations_for_member(user).filter(slug=slug).exists():
        return redirect("organisations:home")  # the owner removed themselves
    return redirect("organisations:members", slug=slug)


@login_required
@require_POST
def member_change_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _membership_action(request, slug, pk, remove=False)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _membership_action(request, slug, pk, remove=True)
