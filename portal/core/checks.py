from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_security_headers(app_configs, **kwargs):
    warnings = []
    policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
    script_src = next((part for part in policy.split(";") if part.strip().startswith("script-src")), "")
    if not policy:
        warnings.append(Warning("CONTENT_SECURITY_POLICY is empty.", id="portal.W001"))
    elif "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        warnings.append(Warning("The Content-Security-Policy allows inline scripts.", id="portal.W002"))
    if not getattr(settings, "PERMISSIONS_POLICY", ""):
        warnings.append(Warning("PERMISSIONS_POLICY is empty.", id="portal.W003"))
    if not getattr(settings, "SECURE_REFERRER_POLICY", None):
        warnings.append(Warning("SECURE_REFERRER_POLICY is not set.", id="portal.W004"))
    return warnings
