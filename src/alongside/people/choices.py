"""Coded answers of the 004 forms (居家服務條件評估表, 個案轉介單/申請單, 個案管理表).

Codes are stable English words; labels are translated. Lists (languages, tubes, aids, diet) are stored
as lists of these codes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonKind(models.TextChoices):
    CLIENT = "client", _("Client")
    STAFF = "staff", _("Staff")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not stated")


class WelfareStatus(models.TextChoices):
    GENERAL = "general", _("General household")
    MID_LOW = "mid_low", _("Mid-low income household")
    LOW = "low", _("Low income household")
    LIVING_ALLOWANCE = "living_allowance", _("Receives the disability living allowance")
    JP_WELFARE = "jp_welfare", _("Public assistance (生活保護)")
    JP_LOW = "jp_low", _("Low income (municipal tax exempt)")
    JP_GENERAL_1 = "jp_general_1", _("General 1")
    JP_GENERAL_2 = "jp_general_2", _("General 2")


class DisabilityCategory(models.TextChoices):
    NONE = "none", _("None")
    C1 = "c1", _("Category 1: mental functions")
    C2 = "c2", _("Category 2: sensory functions and pain")
    C3 = "c3", _("Category 3: voice and speech")
    C4 = "c4", _("Category 4: cardiovascular, blood, immune and respiratory systems")
    C5 = "c5", _("Category 5: digestive, metabolic and endocrine systems")
    C6 = "c6", _("Category 6: urinary and reproductive systems")
    C7 = "c7", _("Category 7: neuromuscular, skeletal and movement-related functions")
    C8 = "c8", _("Category 8: skin and related structures")
    JP_PHYSICAL = "jp_physical", _("Physical disability (身体障害)")
    JP_INTELLECTUAL = "jp_intellectual", _("Intellectual disability (知的障害)")
    JP_MENTAL = "jp_mental", _("Mental disability (精神障害)")


class DisabilityDegree(models.TextChoices):
    NONE = "none", _("None")
    MILD = "mild", _("Mild")
    MODERATE = "moderate", _("Moderate")
    SEVERE = "severe", _("Severe")
    PROFOUND = "profound", _("Profound")


class LivingArrangement(models.TextChoices):
    ALONE = "alone", _("Lives alone")
    SPOUSE = "spouse", _("With spouse only")
    CHILDREN = "children", _("With children")
    FAMILY = "family", _("With other family")
    FRIENDS = "friends", _("With friends or others")
    INSTITUTION = "institution", _("In an institution")


class Education(models.TextChoices):
    NONE = "none", _("Cannot read or write")
    LITERATE = "literate", _("Literate without schooling")
    PRIMARY = "primary", _("Primary school")
    JUNIOR_HIGH = "junior_high", _("Junior high school")
    SENIOR_HIGH = "senior_high", _("Senior high or vocational school")
    COLLEGE = "college", _("College or university")
    GRADUATE = "graduate", _("Graduate school")


class Religion(models.TextChoices):
    NONE = "none", _("None")
    FOLK = "folk", _("Folk religion")
    BUDDHIST = "buddhist", _("Buddhism")
    TAOIST = "taoist", _("Taoism")
    CHRISTIAN = "christian", _("Christianity (Protestant)")
    CATHOLIC = "catholic", _("Catholicism")
    ISLAM = "islam", _("Islam")
    YIGUANDAO = "yiguandao", _("Yiguandao")
    SHINTO = "shinto", _("Shinto")
    OTHER = "other", _("Other")


class BodyBuild(models.TextChoices):
    SLIGHT = "slight", _("Slight")
    AVERAGE = "average", _("Average")
    HEAVY = "heavy", _("Large")


class Language(models.TextChoices):
    MANDARIN = "mandarin", _("Mandarin")
    TAIWANESE = "taiwanese", _("Taiwanese Hokkien")
    HAKKA = "hakka", _("Hakka")
    INDIGENOUS = "indigenous", _("An indigenous language")
    JAPANESE = "japanese", _("Japanese")
    ENGLISH = "english", _("English")
    VIETNAMESE = "vietnamese", _("Vietnamese")
    INDONESIAN = "indonesian", _("Indonesian")
    SIGN = "sign", _("Sign language")


class Diet(models.TextChoices):
    REGULAR = "regular", _("Regular")
    VEGETARIAN = "vegetarian", _("Vegetarian")
    LOW_SALT = "low_salt", _("Low salt")
    DIABETIC = "diabetic", _("Diabetic")
    SOFT = "soft", _("Soft or minced")
    LIQUID = "liquid", _("Liquid or tube-fed")


class Tube(models.TextChoices):
    NASOGASTRIC = "nasogastric", _("Nasogastric tube")
    URINARY_CATHETER = "urinary_catheter", _("Urinary catheter")
    TRACHEOSTOMY = "tracheostomy", _("Tracheostomy tube")
    GASTROSTOMY = "gastrostomy", _("Gastrostomy tube")
    OTHER = "other", _("Other tube")


class Aid(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("Wheelchair")
    WALKER = "walker", _("Walker")
    CANE = "cane", _("Cane")
    HOSPITAL_BED = "hospital_bed", _("Hospital bed")
    HEARING_AID = "hearing_aid", _("Hearing aid")
    COMMODE = "commode", _("Commode chair")
    OXYGEN = "oxygen", _("Oxygen equipment")
    VENTILATOR = "ventilator", _("Ventilator")


class Relationship(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    CHILD_IN_LAW = "child_in_law", _("Son- or daughter-in-law")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    GRANDCHILD = "grandchild", _("Grandchild")
    RELATIVE = "relative", _("Other relative")
    FRIEND = "friend", _("Friend")
    NEIGHBOUR = "neighbour", _("Neighbour")
    OTHER = "other", _("Other")


class LinkRole(models.TextChoices):
    CAREGIVER = "caregiver", _("Caregiver")
    ASSISTANT = "assistant", _("Personal assistant")
    FAMILY = "family", _("Family member")
    SELF = "self", _("The person themself")


MULTI_CHOICE_FIELDS = {"languages": Language, "diet": Diet, "tubes": Tube, "aids": Aid}
