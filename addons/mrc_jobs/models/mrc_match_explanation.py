"""A match's explanation in words: the stored data (ids, codes and numbers, see
``lib/matching/explanation.py``) named and phrased when read, in the reader's language."""

from markupsafe import Markup

from odoo import models

EXCLUSION_FIELDS = {
    "mandatory_skill": "skill_id",
    "mandatory_level": "skill_id",
    "certification": "skill_id",
    "language": "language_id",
}
COMPONENTS = ("skills", "occupation", "languages", "country", "certificates")


def _number(value):
    """``value`` as a float when it is a number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _ident(value):
    """``value`` when it is a record id (a positive int), else None."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return None
    return value


def _dicts(value):
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _pct(value):
    return f"{round(value * 100)}%"


class MrcMatchExplanation(models.AbstractModel):
    """Puts the explanations ``mrc.match`` stores as data into words, in the language of the
    environment: HTML for the back office (``mrc.match.explanation_html``) and sentences for
    the migrant's portal."""

    _name = "mrc.match.explanation"
    _description = "Matching: Explanations in Words"

    def _mrc_facts(self, matches):
        """The stored explanations of ``matches``, checked and with names read in the
        language of the environment. Anything not in the stored shape (a missing record, a
        value that is not a number, an older shape) is left out, never shown raw.

        :return: {match id: dict} with ``components`` {name: 0-1}, ``matched`` (dicts with
            ``required`` and ``skill`` names, ``similarity``, ``level``, ``min_level``,
            ``level_ok``), ``missing`` and ``certified`` (skill names), ``languages``
            [(name, 0-1)], ``occupation`` (None or ``value``, ``title``, ``name``,
            ``desired``), ``country`` (None or (name, 0-1)) and ``excluded`` [(code, name)].
        """
        data = {
            match.id: match.explanation if isinstance(match.explanation, dict) else {}
            for match in matches
        }
        skill_ids, language_ids, country_ids, codes = set(), set(), set(), set()
        for explanation in data.values():
            for pair in _dicts(explanation.get("matched")):
                skill_ids |= {pair.get("required_skill_id"), pair.get("skill_id")}
            for key in ("missing_skill_ids", "certified_skill_ids"):
                values = explanation.get(key)
                skill_ids |= set(values) if isinstance(values, list) else set()
            language_ids |= {
                item.get("language_id") for item in _dicts(explanation.get("languages"))
            }
            for item in _dicts(explanation.get("excluded")):
                skill_ids.add(item.get("skill_id"))
                language_ids.add(item.get("language_id"))
            country = explanation.get("country")
            if isinstance(country, dict):
                country_ids.add(country.get("country_id"))
            occupation = explanation.get("occupation")
            if isinstance(occupation, dict):
                codes |= {occupation.get("code"), occupation.get("matched_code")}
        names = {
            "skill": self._mrc_names("hr.skill", skill_ids),
            "language": self._mrc_names("mrc.language", language_ids),
            "country": self._mrc_names("res.country", country_ids),
        }
        codes = [code for code in codes if isinstance(code, str) and code]
        Occupation = self.env["mrc.occupation"].sudo()
        occupations = (
            Occupation.search_fetch([("code", "in", codes)], ["code", "name"])
            if codes
            else Occupation
        )
        occupation_names = {occupation.code: occupation.name for occupation in occupations}
        return {
            match_id: self._mrc_facts_of(explanation, names, occupation_names)
            for match_id, explanation in data.items()
        }

    def _mrc_names(self, model, ids):
        """{id: name} of the existing records of ``model`` among ``ids`` (names are not
        confidential: read as superuser, in the language of the environment)."""
        ids = [i for i in ids if _ident(i)]
        if not ids:
            return {}
        # one query (``browse().exists()`` then reading the names would take two)
        records = (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "in", ids)], ["name"], order="id")
        )
        return {record.id: record.name for record in records}

    def _mrc_facts_of(self, explanation, names, occupation_names):
        skills = names["skill"]
        components = {}
        raw = explanation.get("components")
        for key in COMPONENTS:
            value = _number(raw.get(key)) if isinstance(raw, dict) else None
            if value is not None:
                components[key] = value
        matched = []
        for pair in _dicts(explanation.get("matched")):
            required = skills.get(pair.get("required_skill_id"))
            skill = skills.get(pair.get("skill_id"))
            if required and skill:
                matched.append(
                    {
                        "required": required,
                        "skill": skill,
                        "similarity": _number(pair.get("similarity")),
                        "level": _number(pair.get("level")),
                        "min_level": _number(pair.get("min_level")),
                        "level_ok": pair.get("level_ok") is not False,
                    }
                )

        def skill_names(key):
            values = explanation.get(key)
            values = values if isinstance(values, list) else []
            return [skills[i] for i in values if _ident(i) and i in skills]

        languages = []
        for item in _dicts(explanation.get("languages")):
            name = names["language"].get(item.get("language_id"))
            value = _number(item.get("value"))
            if name and value is not None:
                languages.append((name, value))
        occupation = None
        raw = explanation.get("occupation")
        if isinstance(raw, dict) and _number(raw.get("value")) is not None:
            occupation = {
                "value": _number(raw["value"]),
                "title": _number(raw.get("title")),
                "name": occupation_names.get(raw.get("code")),
                "desired": occupation_names.get(raw.get("matched_code")),
            }
        country = None
        raw = explanation.get("country")
        if isinstance(raw, dict) and _number(raw.get("value")) is not None:
            name = names["country"].get(raw.get("country_id"))
            if name:
                country = (name, _number(raw["value"]))
        excluded = []
        for item in _dicts(explanation.get("excluded")):
            field = EXCLUSION_FIELDS.get(item.get("code"))
            kind = "language" if field == "language_id" else "skill"
            name = names[kind].get(item.get(field)) if field else None
            if name:
                excluded.append((item["code"], name))
        return {
            "components": components,
            "matched": matched,
            "missing": skill_names("missing_skill_ids"),
            "certified": skill_names("certified_skill_ids"),
            "languages": languages,
            "occupation": occupation,
            "country": country,
            "excluded": excluded,
        }

    # ------------------------------------------------------------------ back office
    def _mrc_html(self, matches):
        """The explanations of ``matches`` as HTML for the back office, in the language of the
        environment (names and words escaped).

        :return: {match id: Markup}
        """
        return {
            match_id: self._mrc_facts_html(facts)
            for match_id, facts in self._mrc_facts(matches).items()
        }

    def _mrc_facts_html(self, facts):
        parts = []
        if facts["excluded"]:
            texts = {
                "mandatory_skill": self.env._("Mandatory skill missing: %s"),
                "mandatory_level": self.env._("Mandatory skill below the required level: %s"),
                "language": self.env._("Required language not spoken: %s"),
                "certification": self.env._("No verified certificate for: %s"),
            }
            items = Markup("").join(
                Markup("<li>%s</li>") % (texts[code] % name) for code, name in facts["excluded"]
            )
            parts.append(
                Markup('<div class="text-danger"><strong>%s</strong><ul>%s</ul></div>')
                % (self.env._("Excluded"), items)
            )
        if facts["matched"]:
            rows = []
            for pair in facts["matched"]:
                if pair["level_ok"]:
                    note = self.env._("level reached")
                else:
                    note = self.env._(
                        "level %(level)s%% below the %(minimum)s%% required",
                        level=round((pair["level"] or 0.0) * 100),
                        minimum=round((pair["min_level"] or 0.0) * 100),
                    )
                similarity = "" if pair["similarity"] is None else _pct(pair["similarity"])
                rows.append(
                    Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                    % (pair["required"], pair["skill"], similarity, note)
                )
            parts.append(
                Markup(
                    '<div><strong>%s</strong><table class="table table-sm"><thead><tr>'
                    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>"
                    "<tbody>%s</tbody></table></div>"
                )
                % (
                    self.env._("Matched skills"),
                    self.env._("Required"),
                    self.env._("Migrant's skill"),
                    self.env._("Similarity"),
                    self.env._("Note"),
                    Markup("").join(rows),
                )
            )
        if facts["missing"]:
            items = Markup("").join(Markup("<li>%s</li>") % name for name in facts["missing"])
            parts.append(
                Markup('<div class="text-warning"><strong>%s</strong><ul>%s</ul></div>')
                % (self.env._("Missing"), items)
            )
        if facts["components"]:
            labels = {
                "skills": self.env._("skills"),
                "occupation": self.env._("occupation"),
                "languages": self.env._("languages"),
                "country": self.env._("country"),
                "certificates": self.env._("verified certificates"),
            }
            details = self._mrc_component_details(facts)
            items = []
            for key, value in facts["components"].items():
                item = Markup("%s: %s") % (labels[key], _pct(value))
                if details.get(key):
                    item += Markup(' <span class="text-muted">(%s)</span>') % details[key]
                items.append(Markup("<li>%s</li>") % item)
            parts.append(
                Markup("<div><strong>%s</strong><ul>%s</ul></div>")
                % (self.env._("Score"), Markup("").join(items))
            )
        return Markup("").join(parts)

    def _mrc_component_details(self, facts):
        """What each component of the score looked at, in words: {component: text}."""
        details = {}
        occupation = facts["occupation"]
        if occupation:
            words = [occupation["name"]] if occupation["name"] else []
            if occupation["desired"]:
                words.append(self.env._("desired: %s", occupation["desired"]))
            details["occupation"] = "; ".join(words)
        if facts["languages"]:
            details["languages"] = ", ".join(
                f"{name} {_pct(value)}" for name, value in facts["languages"]
            )
        if facts["country"]:
            details["country"] = facts["country"][0]
        if facts["certified"]:
            details["certificates"] = ", ".join(facts["certified"])
        return details

    # ------------------------------------------------------------------ portal
    def _mrc_portal_reasons(self, matches):
        """Why the vacancy of each of ``matches`` fits the migrant, in plain words for the
        portal, in the language of the environment, from the same stored data as the back
        office's explanation. The names of all the matches are read together (a page of
        matches costs the same few queries as one match).

        :return: {match id: list of sentences (str), best reasons first}
        """
        return {
            match_id: self._mrc_facts_reasons(facts)
            for match_id, facts in self._mrc_facts(matches).items()
        }

    def _mrc_facts_reasons(self, facts):
        reasons = []
        for pair in facts["matched"]:
            if pair["skill"] == pair["required"]:
                sentence = self.env._(
                    "You have the skill %s that the job asks for.", pair["required"]
                )
            else:
                sentence = self.env._(
                    "Your skill %(yours)s is close to %(required)s, which the job asks for.",
                    yours=pair["skill"],
                    required=pair["required"],
                )
            if not pair["level_ok"]:
                sentence += " " + self.env._("Your level is lower than the one asked.")
            reasons.append(sentence)
        reasons += [
            self.env._("You hold a verified certificate for %s.", name)
            for name in facts["certified"]
        ]
        components = facts["components"]
        if components.get("occupation", 0.0) >= 0.99:
            reasons.append(self.env._("It is the kind of work you are looking for."))
        if components.get("country", 0.0) >= 0.99:
            reasons.append(self.env._("It is in a country where you want to work."))
        if components.get("languages", 0.0) >= 0.99:
            reasons.append(self.env._("You speak the languages the job needs."))
        reasons += [self.env._("The job also asks for %s.", name) for name in facts["missing"]]
        if not reasons:
            reasons.append(self.env._("Your counsellor found that this job could suit you."))
        return reasons
