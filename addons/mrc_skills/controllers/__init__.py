from . import portal_certificates
