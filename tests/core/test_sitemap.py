from django.core.management import call_command


def test_sitemap_lists_public_pages_and_webinars_but_no_members_only_content(client, db):
    call_command("load_demo", verbosity=0)
    body = client.get("/sitemap.xml").content.decode()
    assert "/webinars/skills-partnerships-on-labour-migration/" in body
    assert "/resources/" in body
    from portal.resources.enums import Access
    from portal.resources.models import ResourcePage

    members_only = ResourcePage.objects.filter(access=Access.MEMBERS).first()
    assert members_only is not None
    assert members_only.url not in body
