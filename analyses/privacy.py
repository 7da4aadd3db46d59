"""Meine Daten, the analyses part: nothing about the person; surveys and statistics belong to the cities."""

COVERS: set[str] = set()

NOT_PERSONAL = {
    "analyses.PksImport.uploaded_by": "a table of the Federal Criminal Police Office that staff imported on the "
    "association's behalf",
    "analyses.Survey.created_by": "a city's citizen survey recorded on the city's behalf; its figures are the "
    "city's, not the person's",
}


def export(person) -> dict:
    return {}
