export * from './directory.module';
export * from './organizations/organizations.service';
export * from './people/people.service';
export * from './people/person.dto';
export * from './people/person-activation.service';
export * from './people/person-state';
export * from './auth/auth.module';
