import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { webhookUrlPolicyProvider } from '@liaison/common';
import { AreasController } from './areas/areas.controller';
import { MeController } from './me/me.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';
import { PeopleController } from './people/people.controller';
import { PeopleService } from './people/people.service';
import { PersonActivationService } from './people/person-activation.service';

/** Organisations, the cooperation-area catalogue, people and their tokens. */
@Module({
  imports: [AccessModule],
  controllers: [OrganizationsController, AreasController, PeopleController, MeController],
  providers: [OrganizationsService, PeopleService, PersonActivationService, webhookUrlPolicyProvider],
  exports: [OrganizationsService, PeopleService],
})
export class DirectoryModule {}
